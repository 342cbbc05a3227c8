package backend

import (
	"reflect"
	"testing"
)

func TestApplicationDomains(t *testing.T) {
	var empty Application
	if d := empty.Domains(); d == nil || len(d) != 0 {
		t.Errorf("no websites: %#v, want an empty list", d)
	}
	a := Application{Websites: []Website{
		{Domains: []string{" example.cn ", "", "www.example.cn"}},
		{Domains: nil},
		{Domains: []string{"  ", "例子.中国"}},
	}}
	want := []string{"example.cn", "www.example.cn", "例子.中国"}
	if got := a.Domains(); !reflect.DeepEqual(got, want) {
		t.Errorf("Domains() = %q, want %q", got, want)
	}
}
