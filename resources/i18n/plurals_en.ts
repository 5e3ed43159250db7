<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ArchiveWindow</name>
    <message numerus="yes">
        <source>%n record(s) found.</source>
        <translation>
            <numerusform>%n record found.</numerusform>
            <numerusform>%n records found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscussionPage</name>
    <message numerus="yes">
        <source>%1 of %n sections explained</source>
        <translation>
            <numerusform>%1 of %n section explained</numerusform>
            <numerusform>%1 of %n sections explained</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message numerus="yes">
        <source>%n attempt(s) left before the account is locked.</source>
        <translation>
            <numerusform>%n attempt left before the account is locked.</numerusform>
            <numerusform>%n attempts left before the account is locked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message numerus="yes">
        <source>Checking %n record(s).</source>
        <translation>
            <numerusform>Checking %n record.</numerusform>
            <numerusform>Checking %n records.</numerusform>
        </translation>
    </message>
</context>
</TS>
