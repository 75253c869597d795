package text

import "testing"

func TestToSimplified(t *testing.T) {
	// Expected conversions: the standard simplified forms (checked by hand).
	tests := []struct{ in, want string }{
		{"", ""},
		{"hello 世界", "hello 世界"},
		{"機器學習是人工智慧的一個分支", "机器学习是人工智慧的一个分支"},
		{"秦川雄帝宅，函谷壯皇居。", "秦川雄帝宅，函谷壮皇居。"},
		{"兩個黃鸝鳴翠柳，一行白鷺上青天。", "两个黄鹂鸣翠柳，一行白鹭上青天。"},
		{"青蛙 frog 東京", "青蛙 frog 东京"},
	}
	for _, tt := range tests {
		if got := ToSimplified(tt.in); got != tt.want {
			t.Errorf("ToSimplified(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := SimplifiedTableSize(); n < 1000 {
		t.Errorf("table has %d entries", n)
	}
}
