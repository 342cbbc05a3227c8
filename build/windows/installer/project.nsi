; ICP Desk installer (NSIS 3, MUI2). Built by scripts/build-windows.sh, which
; `make build-windows` calls after `wails build` made build/bin/icpdesk.exe:
;
;   makensis -DVERSION=1.2.3 -DVERSION_LABEL=1.2.3 -DARCH=amd64 \
;            -DEXE=…\icpdesk.exe -DOUTFILE=…\ICPDesk-1.2.3-windows-amd64-setup.exe \
;            -DWEBVIEW2_BOOTSTRAPPER=…\MicrosoftEdgeWebview2Setup.exe \
;            [-DWEBVIEW2_INSTALLER=…\MicrosoftEdgeWebView2RuntimeInstallerX64.exe] project.nsi
;
; Per user by default: no administrator rights, installed in
; %LOCALAPPDATA%\Programs\ICP Desk, shortcuts and the uninstall entry in the
; user's own profile and registry (HKCU). Simplified Chinese first, English.
; It does not include Wails' generated wails_tools.nsh: everything it does is
; here, with the WebView2 runtime's exit code checked.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "VERSION (numeric, like 1.2.3) is required: make build-windows passes it"
!endif
!ifndef VERSION_LABEL
  !define VERSION_LABEL "${VERSION}"
!endif
!ifndef ARCH
  !define ARCH "amd64"
!endif
!ifndef EXE
  !define EXE "..\..\bin\icpdesk.exe"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\bin\ICPDesk-${VERSION_LABEL}-windows-${ARCH}-setup.exe"
!endif
!ifndef WEBVIEW2_INSTALLER
  !ifndef WEBVIEW2_BOOTSTRAPPER
    !error "WEBVIEW2_BOOTSTRAPPER (Microsoft's Evergreen Bootstrapper) or WEBVIEW2_INSTALLER (its Standalone Installer) is required"
  !endif
!endif

!define PRODUCT_NAME "ICP Desk"
!define PRODUCT_EXE "icpdesk.exe"
!define COMPANY "ICP Desk"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ICPDesk"
!define SETTINGS_KEY "Software\ICPDesk"
; The WebView2 Runtime's client id: Microsoft's "Distribute your app and the
; WebView2 Runtime", section "Detect if a WebView2 Runtime is already installed".
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "ICP Desk · ICP备案助手"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\ICP Desk"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
ShowInstDetails show
ShowUninstDetails show
BrandingText "ICP Desk ${VERSION_LABEL}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "WinVer.nsh"
!include "FileFunc.nsh"

Var WebView2Missing
Var FinishText

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "${SETTINGS_KEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "$FinishText"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PRODUCT_EXE}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(UN_KEEPS)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default where Windows' own is neither.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

; ---- Texts ---------------------------------------------------------------
LangString SEC_APP ${LANG_SIMPCHINESE} "ICP备案助手（必需）"
LangString SEC_APP ${LANG_ENGLISH} "ICP Desk (required)"
LangString SEC_DESKTOP ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SEC_DESKTOP ${LANG_ENGLISH} "Desktop shortcut"
LangString SHORTCUT ${LANG_SIMPCHINESE} "ICP备案助手"
LangString SHORTCUT ${LANG_ENGLISH} "ICP Desk"
LangString NEEDS_WIN10 ${LANG_SIMPCHINESE} "ICP备案助手需要 64 位的 Windows 10 或更新版本。"
LangString NEEDS_WIN10 ${LANG_ENGLISH} "ICP Desk needs 64-bit Windows 10 or later."
LangString WV2_FOUND ${LANG_SIMPCHINESE} "已找到 Microsoft Edge WebView2 运行时："
LangString WV2_FOUND ${LANG_ENGLISH} "Microsoft Edge WebView2 Runtime found: "
LangString WV2_INSTALLING ${LANG_SIMPCHINESE} "正在安装 Microsoft Edge WebView2 运行时……"
LangString WV2_INSTALLING ${LANG_ENGLISH} "Installing the Microsoft Edge WebView2 Runtime…"
LangString WV2_EXIT ${LANG_SIMPCHINESE} "WebView2 安装程序的退出代码："
LangString WV2_EXIT ${LANG_ENGLISH} "WebView2 installer exit code: "
; The same text as assets/data/native_messages.json's "webview2" block.
LangString WV2_FAILED ${LANG_SIMPCHINESE} "ICP备案助手需要 Microsoft Edge WebView2 运行时，但它没有安装成功（这台电脑可能没有连接互联网）。$\r$\n$\r$\n请这样做：$\r$\n1. 向本单位 IT 部门索取微软的 WebView2 “Evergreen Standalone Installer”（常青版独立安装程序，文件名如 MicrosoftEdgeWebView2RuntimeInstallerX64.exe）；或在一台能上网的电脑上从微软网站的 WebView2 下载页下载它，用 U 盘拷过来。$\r$\n2. 双击运行它（不需要管理员权限）。$\r$\n3. 然后打开 ICP备案助手。"
LangString WV2_FAILED ${LANG_ENGLISH} "ICP Desk needs the Microsoft Edge WebView2 Runtime, but it could not be installed (this computer may be offline).$\r$\n$\r$\nWhat to do:$\r$\n1. Ask your IT department for Microsoft's WebView2 $\"Evergreen Standalone Installer$\" (a file like MicrosoftEdgeWebView2RuntimeInstallerX64.exe), or download it on a computer with internet from the WebView2 page of Microsoft's website and bring it on a USB stick.$\r$\n2. Double-click it (no administrator rights needed).$\r$\n3. Then open ICP Desk."
LangString WV2_CONTINUE ${LANG_SIMPCHINESE} "仍然安装 ICP备案助手吗？（装好 WebView2 运行时后即可使用）"
LangString WV2_CONTINUE ${LANG_ENGLISH} "Install ICP Desk anyway? (It works once the WebView2 Runtime is installed.)"
LangString FINISH_OK ${LANG_SIMPCHINESE} "ICP备案助手已安装。开始菜单和桌面上都有它的快捷方式。"
LangString FINISH_OK ${LANG_ENGLISH} "ICP Desk is installed. Its shortcut is in the Start menu (and on the desktop if chosen)."
LangString FINISH_NO_WV2 ${LANG_SIMPCHINESE} "ICP备案助手已安装，但还不能使用：缺少 Microsoft Edge WebView2 运行时。请向 IT 部门索取 “Evergreen Standalone Installer”（常青版独立安装程序）并运行它。"
LangString FINISH_NO_WV2 ${LANG_ENGLISH} "ICP Desk is installed but cannot start yet: the Microsoft Edge WebView2 Runtime is missing. Ask your IT department for the $\"Evergreen Standalone Installer$\" and run it."
LangString UN_KEEPS ${LANG_SIMPCHINESE} "卸载只删除程序本身。您的工作区、备份和设置保留在 $APPDATA\ICPDesk，不会被删除。"
LangString UN_KEEPS ${LANG_ENGLISH} "Uninstalling removes the program only. Your workspace, backups and settings stay in $APPDATA\ICPDesk."
LangString UN_DONE ${LANG_SIMPCHINESE} "ICP备案助手已卸载。您的工作区仍在：$APPDATA\ICPDesk"
LangString UN_DONE ${LANG_ENGLISH} "ICP Desk is uninstalled. Your workspace is still in: $APPDATA\ICPDesk"

; ---- Version resource of the installer ------------------------------------
VIProductVersion "${VERSION}.0"
VIFileVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${COMPANY}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "ICP Desk installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION_LABEL}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "© 2026 ICP Desk"

; ---- WebView2 ---------------------------------------------------------------
; Leaves $0 = the runtime's version, "" when it is not installed (per machine,
; 64- or 32-bit registry, or per user; "0.0.0.0" counts as missing).
!macro FindWebView2
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
  SetRegView lastused
!macroend

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "$(NEEDS_WIN10)" /SD IDOK
    SetErrorLevel 64
    Quit
  ${EndIf}
  SetShellVarContext current
  !insertmacro MUI_LANGDLL_DISPLAY
  StrCpy $WebView2Missing "0"
  StrCpy $FinishText "$(FINISH_OK)"
FunctionEnd

; The runtime is installed only when missing; Microsoft's installer runs
; without elevation (a per-user runtime) and its exit code is checked: a
; failure says what to do instead of finishing "successfully".
Section "-WebView2" SecWebView2
  !insertmacro FindWebView2
  ${If} $0 != ""
    DetailPrint "$(WV2_FOUND)$0"
    Return
  ${EndIf}
  DetailPrint "$(WV2_INSTALLING)"
  InitPluginsDir
  SetOutPath "$PLUGINSDIR"
!ifdef WEBVIEW2_INSTALLER
  ; Built with WEBVIEW2_INSTALLER=…: the offline Evergreen Standalone
  ; Installer is inside, no network needed.
  File "/oname=$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstaller.exe" "${WEBVIEW2_INSTALLER}"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebView2RuntimeInstaller.exe" /silent /install' $1
!else
  ; The small Evergreen Bootstrapper: it downloads the runtime.
  File "/oname=$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" "${WEBVIEW2_BOOTSTRAPPER}"
  ExecWait '"$PLUGINSDIR\MicrosoftEdgeWebview2Setup.exe" /silent /install' $1
!endif
  DetailPrint "$(WV2_EXIT)$1"
  !insertmacro FindWebView2
  ${If} $1 == "0"
  ${AndIf} $0 != ""
    DetailPrint "$(WV2_FOUND)$0"
    Return
  ${EndIf}
  StrCpy $WebView2Missing "1"
  StrCpy $FinishText "$(FINISH_NO_WV2)"
  DetailPrint "$(WV2_FAILED)"
  MessageBox MB_YESNO|MB_ICONEXCLAMATION "$(WV2_FAILED)$\r$\n$\r$\n$(WV2_CONTINUE)" /SD IDYES IDYES +2
    Abort "$(WV2_FAILED)"
SectionEnd

Section "!$(SEC_APP)" SecApp
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "/oname=${PRODUCT_EXE}" "${EXE}"
  CreateShortcut "$SMPROGRAMS\$(SHORTCUT).lnk" "$INSTDIR\${PRODUCT_EXE}"
  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${SETTINGS_KEY}" "Shortcut" "$(SHORTCUT)"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "ICP Desk · ICP备案助手"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION_LABEL}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${COMPANY}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_EXE}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" "$\"$INSTDIR\uninstall.exe$\""
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" "$\"$INSTDIR\uninstall.exe$\" /S"
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  ${If} $WebView2Missing == "1"
    SetErrorLevel 2 ; installed, but the runtime is missing: not a success
  ${EndIf}
SectionEnd

Section "$(SEC_DESKTOP)" SecDesktop
  SetShellVarContext current
  CreateShortcut "$DESKTOP\$(SHORTCUT).lnk" "$INSTDIR\${PRODUCT_EXE}"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecApp} "$(SEC_APP)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "$(SEC_DESKTOP)"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; ---- Uninstall: the program only; the workspace stays and we say where ------
Function un.onInit
  SetShellVarContext current
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

Section "uninstall"
  SetShellVarContext current
  ReadRegStr $0 HKCU "${SETTINGS_KEY}" "Shortcut"
  ${If} $0 != ""
    Delete "$SMPROGRAMS\$0.lnk"
    Delete "$DESKTOP\$0.lnk"
  ${EndIf}
  Delete "$SMPROGRAMS\ICP备案助手.lnk"
  Delete "$SMPROGRAMS\ICP Desk.lnk"
  Delete "$DESKTOP\ICP备案助手.lnk"
  Delete "$DESKTOP\ICP Desk.lnk"
  Delete "$INSTDIR\${PRODUCT_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  ; WebView2's cache (Wails' default user data folder), not the clerk's data.
  RMDir /r "$APPDATA\${PRODUCT_EXE}"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
  ; Kept: $APPDATA\ICPDesk (workspace.icpdesk, backups, prefs.json).
  DetailPrint "$(UN_DONE)"
  MessageBox MB_OK|MB_ICONINFORMATION "$(UN_DONE)" /SD IDOK
SectionEnd
