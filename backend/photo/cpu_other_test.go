//go:build !unix

package photo

import "testing"

// cpuMS reports nothing where getrusage is missing.
func cpuMS(b *testing.B) func() { return func() {} }
