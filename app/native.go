package app

import (
	"sync/atomic"

	"icpdesk/backend/prefs"
)

// Keys of native_messages.json's "dialogs": texts shown by the system (window
// title, file dialogs), which vue-i18n cannot reach. Both languages must
// have each one (nativeMessages checks).
const (
	textWindow                 = "window"
	textExportApplication      = "exportApplication"
	textImportApplication      = "importApplication"
	textSaveAs                 = "saveAs"
	textSaveCombinedChecklists = "saveCombinedChecklists"
	textChooseChecklistFolder  = "chooseChecklistFolder"
	textChoosePicture          = "choosePicture"
	textExportPackage          = "exportPackage"
	textExportPackages         = "exportPackages"
	textOpenWorkspace          = "openWorkspace"
	textNewWorkspace           = "newWorkspace"
	textExportClient           = "exportClient"
	textImportClient           = "importClient"
	textExportWholeWorkspace   = "exportWholeWorkspace"
	textExportCalendar         = "exportCalendar"
	textImportedClient         = "importedClient"
	textFilterApplication      = "filterApplication"
	textFilterWorkspace        = "filterWorkspace"
	textFilterClient           = "filterClient"
	textFilterImages           = "filterImages"
	textFilterAll              = "filterAll"
)

var nativeKeys = []string{textWindow, textExportApplication, textImportApplication, textSaveAs,
	textSaveCombinedChecklists, textChooseChecklistFolder, textChoosePicture, textExportPackage,
	textExportPackages, textOpenWorkspace, textNewWorkspace, textExportClient, textImportClient, textExportWholeWorkspace,
	textExportCalendar, textImportedClient,
	textFilterApplication, textFilterWorkspace, textFilterClient, textFilterImages, textFilterAll}

// nativeCurrent holds the texts in the language set now (start-up, then
// SystemService.SetLanguage).
var nativeCurrent atomic.Pointer[nativeText]

// setNativeLanguage makes lang's texts the current ones.
func setNativeLanguage(lang string) (nativeText, error) {
	t, err := nativeMessages(lang)
	if err != nil {
		return nativeText{}, err
	}
	nativeCurrent.Store(&t)
	return t, nil
}

// nativeString is one text of the "dialogs" table in the current language
// (the default language where none was set yet, as in tests).
func nativeString(key string) string {
	t := nativeCurrent.Load()
	if t == nil {
		d, err := setNativeLanguage(prefs.Languages[0])
		if err != nil {
			panic(err) // embedded data, checked by the tests and at start-up
		}
		t = &d
	}
	return t.Dialogs[key]
}
