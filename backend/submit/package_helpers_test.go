package submit

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
)

// readPackageFile reads one file of a package (folder or ZIP) by name.
func readPackageFile(path, name string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var r packageReader = dirReader(path)
	if !st.IsDir() {
		zr, err := zip.OpenReader(path)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = newZipReader(&zr.Reader)
	}
	rc, err := r.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var b bytes.Buffer
	_, err = io.Copy(&b, io.LimitReader(rc, maxPackageFile))
	return b.Bytes(), err
}
