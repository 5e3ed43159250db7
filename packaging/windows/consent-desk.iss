; Inno Setup script (6.5 or newer, for its Arabic messages): installs the PyInstaller folder
; dist\consent-desk for all users. Build it on Windows, from the checkout:
;   python packaging\build.py
;   iscc packaging\windows\consent-desk.iss        -> dist\consent-desk-setup-<version>.exe
; tests/packaging/test_windows_installer.py keeps this file true to pyproject.toml (the version), to
; the PyInstaller spec (the folder and the programs) and to where the program reads its trust file.
;
; - the program goes under Program Files (64-bit), per machine, with a Start menu entry and, if
;   chosen, a desktop shortcut;
; - %ProgramData%\ConsentDesk is the trust folder: IT puts the institution's trust.pem there; only
;   administrators (and SYSTEM) can write it, everyone can read it. The installer ships no trust file.
;   Its permissions are set by security identifiers, which hold on an Arabic Windows too;
; - uninstalling removes the program and keeps the trust folder and every data folder (each user's
;   %LOCALAPPDATA%\consent-desk, or CONSENT_DESK_DATA set machine-wide for a shared workstation).

#define AppName "Consent Desk"
#define AppVersion "0.1.0"
#define BundleName "consent-desk"
#define TrustFolder "ConsentDesk"

[Setup]
AppId={{6C1E4F2A-8B7D-4E53-9A0C-2F5D7B1E9C34}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename={#BundleName}-setup-{#AppVersion}
SetupIconFile=..\..\build\icons\{#BundleName}.ico
UninstallDisplayIcon={app}\{#BundleName}.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
LanguageDetectionMethod=uilanguage
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "arabic"; MessagesFile: "compiler:Languages\Arabic.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\{#BundleName}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Dirs]
Name: "{commonappdata}\{#TrustFolder}"; Flags: uninsneveruninstall

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#BundleName}.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#BundleName}.exe"; Tasks: desktopicon

[Run]
; The trust folder: inheritance from ProgramData (where Users may create files) removed; full control
; for Administrators (S-1-5-32-544) and SYSTEM (S-1-5-18), read for Users (S-1-5-32-545).
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\{#TrustFolder}"" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F /grant:r *S-1-5-18:(OI)(CI)F /grant:r *S-1-5-32-545:(OI)(CI)RX"; Flags: runhidden waituntilterminated
Filename: "{app}\{#BundleName}.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
