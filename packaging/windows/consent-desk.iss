; Inno Setup script: installs the PyInstaller folder (dist\consent-desk) for all users.
; The data folder is per user (%LOCALAPPDATA%\consent-desk) unless CONSENT_DESK_DATA is set
; machine-wide for a shared workstation.
[Setup]
AppName=Consent Desk
AppVersion=0.1.0
DefaultDirName={autopf}\Consent Desk
DefaultGroupName=Consent Desk
OutputBaseFilename=consent-desk-setup
PrivilegesRequired=admin
LanguageDetectionMethod=uilanguage

[Languages]
Name: "arabic"; MessagesFile: "compiler:Languages\Arabic.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\consent-desk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Consent Desk"; Filename: "{app}\consent-desk.exe"
