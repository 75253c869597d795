package plots

import (
	"fmt"
	"math"
	"os"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Charts draw Latin text in Liberation Sans, the font gonum/plot embeds,
// and a line of text with Chinese, Japanese or Korean characters in a CJK
// font found on the system (see CJKFontFile), so such labels are measured
// and, in PNG, drawn with real glyphs instead of empty boxes. Importing
// plots installs this as gonum/plot's default text handler.

// cjkFontFiles are where systems keep a Simplified Chinese capable font:
// Debian/Ubuntu fonts-noto-cjk, Fedora/Arch Noto CJK, WenQuanYi, macOS.
var cjkFontFiles = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/System/Library/Fonts/Hiragino Sans GB.ttc",
	"/Library/Fonts/Arial Unicode.ttf",
}

// CJKFontFile returns the font file charts use for CJK text: $LINGO_CJK_FONT
// if set, else the first of a list of usual places that exists (Debian's
// fonts-noto-cjk first). ok is false when there is none; CJK characters in
// PNG charts then show as empty boxes.
func CJKFontFile() (path string, ok bool) {
	if p := os.Getenv("LINGO_CJK_FONT"); p != "" {
		_, err := os.Stat(p)
		return p, err == nil
	}
	for _, p := range cjkFontFiles {
		if _, err := os.Stat(p); err == nil {
			return p, true
		}
	}
	return "", false
}

// cjkTypeface is the name the CJK font is registered under in gonum's cache.
const cjkTypeface = "LingoCJK"

var (
	cjkOnce   sync.Once
	cjkLoaded bool
)

// loadCJK registers the CJK font in font.DefaultCache once; it reports
// whether one is available.
func loadCJK() bool {
	cjkOnce.Do(func() {
		path, ok := CJKFontFile()
		if !ok {
			return
		}
		f, err := os.Open(path) // kept open: the font is read lazily
		if err != nil {
			return
		}
		var fnt *opentype.Font
		if c, err := opentype.ParseCollectionReaderAt(f); err == nil {
			fnt = pickSC(c)
		} else if one, err := opentype.ParseReaderAt(f); err == nil {
			fnt = one
		}
		if fnt == nil {
			f.Close()
			return
		}
		var buf sfnt.Buffer
		if _, err := fnt.GlyphIndex(&buf, '中'); err != nil {
			f.Close()
			return
		}
		font.DefaultCache.Add(font.Collection{{Font: font.Font{Typeface: cjkTypeface, Variant: "Sans"}, Face: fnt}})
		cjkLoaded = true
	})
	return cjkLoaded
}

// pickSC returns the Simplified Chinese face of a collection (Noto's .ttc
// holds JP, KR, SC, TC and HK faces), else its first face.
func pickSC(c *opentype.Collection) *opentype.Font {
	var first *opentype.Font
	var buf sfnt.Buffer
	for i := range c.NumFonts() {
		f, err := c.Font(i)
		if err != nil {
			continue
		}
		if first == nil {
			first = f
		}
		if name, err := f.Name(&buf, sfnt.NameIDFamily); err == nil && strings.HasSuffix(name, " SC") {
			return f
		}
	}
	return first
}

// hasCJK reports whether s has a Han, Kana or Hangul character.
func hasCJK(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
			unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)) {
			return true
		}
	}
	return false
}

// cjkText is text.Plain that measures and draws a line with CJK characters
// in the CJK font.
type cjkText struct{ text.Plain }

var _ text.Handler = cjkText{}

func (h cjkText) font(txt string, fnt font.Font) font.Font {
	if hasCJK(txt) && loadCJK() {
		return font.Font{Typeface: cjkTypeface, Variant: "Sans", Size: fnt.Size}
	}
	return fnt
}

// Box measures one line of text.
func (h cjkText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	return h.Plain.Box(txt, h.font(txt, fnt))
}

// Draw draws text as text.Plain does, choosing the font line by line.
func (h cjkText) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	txt = strings.TrimRight(txt, "\n")
	if len(txt) == 0 {
		return
	}
	c.SetColor(sty.Color)
	if sty.Rotation != 0 {
		c.Push()
		c.Rotate(sty.Rotation)
	}
	sin64, cos64 := math.Sincos(sty.Rotation)
	cos, sin := vg.Length(cos64), vg.Length(sin64)
	pt.X, pt.Y = pt.Y*sin+pt.X*cos, pt.Y*cos-pt.X*sin
	lines := h.Lines(txt)
	base := h.Fonts.Lookup(sty.Font, sty.Font.Size)
	pt.Y += sty.Height(txt)*vg.Length(sty.YAlign) - base.Extents().Ascent
	for i, line := range lines {
		face := h.Fonts.Lookup(h.font(line, sty.Font), sty.Font.Size)
		xoffs := vg.Length(sty.XAlign) * face.Width(line)
		n := vg.Length(len(lines) - i)
		c.FillString(face, pt.Add(vg.Point{X: xoffs, Y: n * sty.Font.Size}), line)
	}
	if sty.Rotation != 0 {
		c.Pop()
	}
}

func init() {
	plot.DefaultTextHandler = cjkText{text.Plain{Fonts: font.DefaultCache}}
}

// svgCanvas is an SVG canvas that remembers, for each text it draws, the
// width it was measured at and whether it was set in the CJK font, so
// fixText can pin the browser's rendering to that layout.
type svgCanvas struct {
	*vgsvg.Canvas
	texts []svgText
}

type svgText struct {
	width vg.Length
	cjk   bool
}

// FillString draws a string and records its measured width.
func (c *svgCanvas) FillString(f font.Face, pt vg.Point, s string) {
	c.texts = append(c.texts, svgText{width: f.Width(s), cjk: f.Font.Typeface == cjkTypeface})
	c.Canvas.FillString(f, pt, s)
}

// Font families for SVG text: the font the text was measured in first,
// then fonts with the same metrics or coverage on other systems.
const (
	latinFamilies = `'Liberation Sans',Arimo,Arial,Helvetica,'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif`
	cjkFamilies   = `'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Hiragino Sans GB','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif`
)

// fixText rewrites the <text> elements vgsvg wrote, in the order they
// were drawn: each gets a font-family list that falls back to fonts found
// on other systems, and a textLength equal to its measured width, so a
// browser that lacks the measured font still fits the text in the space
// the layout gave it (no label runs past the edge or into its neighbour).
func (c *svgCanvas) fixText(svg string) string {
	var b strings.Builder
	b.Grow(len(svg) + len(c.texts)*96)
	k := 0
	for {
		i := strings.Index(svg, "<text ")
		if i < 0 {
			b.WriteString(svg)
			return b.String()
		}
		end := strings.Index(svg[i:], ">")
		if end < 0 {
			b.WriteString(svg)
			return b.String()
		}
		b.WriteString(svg[:i])
		tag := svg[i : i+end]
		svg = svg[i+end:]
		families := latinFamilies
		if k < len(c.texts) && c.texts[k].cjk {
			families = cjkFamilies
		}
		if f := strings.Index(tag, "font-family:"); f >= 0 {
			if semi := strings.Index(tag[f:], ";"); semi >= 0 {
				tag = tag[:f] + "font-family:" + families + tag[f+semi:]
			}
		}
		if k < len(c.texts) && c.texts[k].width > 0 {
			tag = fmt.Sprintf(`<text textLength="%.5g" lengthAdjust="spacingAndGlyphs" %s`, c.texts[k].width.Points(), tag[len("<text "):])
		}
		k++
		b.WriteString(tag)
	}
}
