//go:build !race

package photo

const raceBuild = false
