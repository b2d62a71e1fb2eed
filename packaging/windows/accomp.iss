; Inno Setup 6 script: the Windows installer of accomp, made from the folder that
; `python scripts/bundle.py` builds on Windows (dist\accomp). Step by step in
; packaging/README.md. scripts/bundle.py runs it when iscc is on the PATH:
;   iscc /DAppVersion=0.1.0 /DSourceDir=C:\...\dist\accomp /OC:\...\dist accomp.iss
;
; Installed for all users under Program Files, which users cannot write: accomp
; keeps every vault in the user's own data folder (%LOCALAPPDATA%\accomp), and
; uninstalling never removes it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\accomp"
#endif

[Setup]
; Never change AppId: it is how an update finds the installed version.
AppId={{6B1C5E0A-2F4D-4E4B-9E65-5C1A0D7E3A21}
AppName=accomp
AppVersion={#AppVersion}
AppVerName=accomp {#AppVersion}
AppPublisher=accomp
DefaultDirName={autopf}\accomp
DefaultGroupName=accomp
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=accomp-{#AppVersion}-setup
SetupIconFile=..\icons\accomp.ico
UninstallDisplayIcon={app}\accompw.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An update replaces the whole folder: files of an older bundle never linger.
CloseApplications=yes

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\accomp"; Filename: "{app}\accompw.exe"; WorkingDir: "{localappdata}"
Name: "{autodesktop}\accomp"; Filename: "{app}\accompw.exe"; WorkingDir: "{localappdata}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\accompw.exe"; Description: "{cm:LaunchProgram,accomp}"; Flags: nowait postinstall skipifsilent
