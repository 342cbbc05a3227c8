//go:build !race

package jpeg

const raceBuild = false
