//go:build race

package photo

// raceBuild trims the slowest image work under the race detector (10× slower).
const raceBuild = true
