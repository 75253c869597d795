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
		{"", nil},
		{"  ", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
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
