//go:build race

package jpeg

// raceBuild trims the pixel-by-pixel comparisons under the race detector.
const raceBuild = true
