; Included by electron-builder's NSIS script (electron-builder.yml nsis.include).
; Kiosk auto-start for every account on the machine: the per-machine Run key starts Shekara in kiosk mode
; at each Windows login. Locking the machine down further (Assigned Access / Shell Launcher) is IT's
; part: see README, "Kiosk machines".

!macro customInstall
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Shekara" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --kiosk'
!macroend

!macro customUnInstall
  ; An update uninstalls the old version first: keep the auto-start then, remove it on a real uninstall.
  ${ifNot} ${isUpdated}
    DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Shekara"
  ${endIf}
!macroend
