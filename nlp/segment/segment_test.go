package segment

import (
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestTokens(t *testing.T) {
	// Expected splits: jieba 0.42 (Debian python3-jieba) gives the same
	// in accurate mode (jieba.lcut(s)); the first is jieba's README example.
	tests := []struct {
		in   string
		want []string
	}{
		{"我来到北京清华大学", []string{"我", "来到", "北京", "清华大学"}},
		{"青蛙是一种两栖动物", []string{"青蛙", "是", "一种", "两栖动物"}},
		{"他来到了网易杭研大厦", []string{"他", "来到", "了", "网易", "杭研", "大厦"}},
		{"南京市长江大桥", []string{"南京市", "长江大桥"}},
		{"我爱自然语言处理和Go语言！", []string{"我", "爱", "自然语言", "处理", "和", "Go", "语言", "！"}},
		{"機器學習是人工智慧的一個分支", []string{"機器", "學習", "是", "人工智慧", "的", "一個", "分支"}},
		// gse's own Cut gives 高效 地理 解, 同上, 更多, 保 存在, 不可 见 之人,
		// 不在 家 and 所需: its loader counts every single character as 2.
		{"尽可能高效地理解一次对话", []string{"尽可能", "高效", "地", "理解", "一次", "对话"}},
		{"同上", []string{"同", "上"}},
		{"更多的人喜欢它", []string{"更", "多", "的", "人", "喜欢", "它"}},
		{"保存在文件里", []string{"保存", "在", "文件", "里"}},
		{"不可见之人", []string{"不", "可见", "之", "人"}},
		{"他不在家", []string{"他", "不", "在家"}},
		{"所需的位图", []string{"所", "需", "的", "位图"}},
		{"", nil},
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEmbeddedCounts(t *testing.T) {
	fix, total, err := parseCounts(countsTxt)
	if err != nil {
		t.Fatal(err)
	}
	// From jieba 0.42.1's dict.txt (Debian python3-jieba): the sum of all
	// counts, and the lines "地 160541 uv", "的 318825 uj".
	if total != 60101967 {
		t.Errorf("total = %v, want 60101967", total)
	}
	for w, want := range map[string]float64{"地": 160541, "的": 318825} {
		if fix[w] != want {
			t.Errorf("count(%s) = %v, want %v", w, fix[w], want)
		}
	}
	lex := load().lex
	for w, want := range map[string]float64{"地": 160541, "解": 5923, "理解": 5620, "地理": 8066} {
		if c, _ := lex.lookup(w); c != want {
			t.Errorf("lookup(%s) = %v, want %v (jieba's count)", w, c, want)
		}
	}
}

func TestParseCountsErrors(t *testing.T) {
	for _, s := range []string{"", "# only a comment\n", "total 0\n", "total 5\n地\n", "total 5\n地 x\n", "total 5\n地 -1\n", "total 5\n \x80 3\n", "total 5\n地 +Inf\n"} {
		if _, _, err := parseCounts(s); err == nil {
			t.Errorf("parseCounts(%q): no error", s)
		}
	}
}

func TestWords(t *testing.T) {
	got := Words("Frogs (青蛙) LIVE in 池塘里。")
	want := []string{"frogs", "青蛙", "live", "in", "池塘", "里"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestCutConcatenates(t *testing.T) {
	for _, run := range []string{"", "我", "我们", "我们在清华大学的池塘里看见了一只青蛙", strings.Repeat("的", 1000)} {
		got := Cut(run)
		if strings.Join(got, "") != run {
			t.Errorf("Cut(%q) = %q does not concatenate to the run", run, got)
		}
		for _, w := range got {
			if w == "" {
				t.Errorf("Cut(%q) has an empty word", run)
			}
		}
	}
}

func TestSegmentConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if got := Words("青蛙在池塘里游泳"); len(got) == 0 {
					t.Error("no words")
				}
			}
		}()
	}
	wg.Wait()
}
