package photo

import "testing"

// skipSceneTableInShort skips one of the big scene tables (detection corpus,
// per-kind checks, hostile files, export sizes) in -short mode. make test runs
// this package twice: in full without the race detector, and -short with it —
// image arithmetic gains nothing from -race but runs ~15× slower under it (20
// minutes at a load of 18), while the concurrent paths (export ∥ check, banded
// rendering) are still run by the other tests.
func skipSceneTableInShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("scene table: run in full by the non-race pass of make test")
	}
}
