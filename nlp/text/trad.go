package text

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// ToSimplified converts traditional Chinese characters in s to simplified
// ones, character by character, with a table of 1,074 common characters; other
// text is unchanged. segment.Cut segments traditional text well by itself (it loads
// a traditional dictionary too), so conversion is only needed where a
// corpus should be counted in one script, as with the Tang poems of
// chinese-poetry.
//
// Coverage: the table was written for this project from the standard
// simplification and ordered by frequency in the Tang poems of npm
// chinese-poetry (全唐诗). There it converts 97.3% of the occurrences of
// characters that are traditional-only (present in gse's traditional
// dictionary but not in its simplified one); the rest are rare characters.
// It maps one-to-many cases to the commonest simplified form (髮 and 發 → 发,
// 後 → 后, 餘 → 余, 鍾 and 鐘 → 钟, 穀 → 谷) and leaves ambiguous ones (乾,
// 著) alone. Full conversion needs phrase tables (as in OpenCC).
func ToSimplified(s string) string {
	tradOnce.Do(buildTrad)
	i := strings.IndexFunc(s, func(r rune) bool { _, ok := tradToSimp[r]; return ok })
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if t, ok := tradToSimp[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return b.String()
}

// SimplifiedTableSize returns the number of characters ToSimplified maps.
func SimplifiedTableSize() int { tradOnce.Do(buildTrad); return len(tradToSimp) }

var (
	tradOnce   sync.Once
	tradToSimp map[rune]rune
)

func buildTrad() {
	tradToSimp = make(map[rune]rune, utf8.RuneCountInString(tradPairs)/2)
	var prev rune = -1
	for _, r := range tradPairs {
		if prev < 0 {
			prev = r
			continue
		}
		tradToSimp[prev] = r
		prev = -1
	}
}

// tradPairs lists traditional, simplified character pairs, most frequent
// (in the Tang poems) first.
const tradPairs = "" +
	"無无風风雲云來来時时爲为為为見见長长歸归門门處处詩诗聲声萬万遠远與与東东飛飞盡尽開开將将樹树還还應应別别書书煙烟馬马誰谁" +
	"聞闻獨独陽阳閑闲從从頭头滿满難难龍龙塵尘後后黃黄紅红當当樓楼復复遊游舊旧間间氣气猶犹過过華华鳥鸟葉叶離离幾几邊边國国隨随" +
	"夢梦宮宫裏里裡里陰阴漢汉終终須须臺台臨临關关歲岁問问輕轻連连經经綠绿兩两鄉乡樂乐餘余傳传斷断豈岂驚惊尋寻動动雙双殘残對对" +
	"遙遥語语曉晓靜静鶴鹤虛虚憶忆靈灵鳴鸣數数迴回魚鱼會会轉转鳳凤憐怜蒼苍發发絕绝車车淚泪懷怀愛爱聽听覺觉勝胜窮穷園园興兴軍军" +
	"蕭萧節节燈灯聖圣羅罗學学識识親亲亂乱師师雖虽隱隐帶带說说畫画遲迟兒儿閣阁羣群蘭兰涼凉異异辭辞傷伤賢贤願愿錄录鏡镜結结謝谢" +
	"爭争橫横吳吴顏颜爾尔臥卧絲丝藥药貴贵憂忧錦锦歡欢遺遗巖岩勞劳飄飘載载張张騎骑寶宝題题緣缘楊杨內内細细論论榮荣禪禅飲饮條条" +
	"極极闕阙貧贫戰战報报諸诸髮发寧宁變变顧顾觀观橋桥漸渐搖摇軒轩蓮莲跡迹禮礼齊齐鬢鬓戶户懸悬許许傾倾衆众眾众頻频紛纷棲栖悵怅" +
	"圖图簾帘嶺岭盤盘釣钓鐘钟雞鸡稱称罷罢暫暂徑径陳陈舉举滄沧機机鴻鸿歎叹營营腸肠鄰邻積积攜携參参種种銀银鶯莺業业記记漁渔孫孙" +
	"茲兹霧雾縣县賞赏筆笔蟬蝉齋斋輪轮叢丛牀床點点詞词廣广沒没縱纵調调賦赋繞绕計计況况閉闭勢势揚扬錢钱負负燭烛澤泽烏乌詠咏蓋盖" +
	"銷销館馆話话實实滅灭淺浅鸞鸾訪访繡绣圓圆燒烧淨净達达瑤瑶驅驱謂谓綺绮誠诚籠笼總总豔艳晝昼銜衔賓宾瓊琼響响養养澗涧義义強强" +
	"獻献壯壮擬拟輝辉潛潜雜杂歷历贈赠蕩荡殺杀帳帐屬属憑凭牽牵厭厌壺壶嘗尝駕驾階阶羨羡壽寿韻韵妝妆棄弃擁拥嚴严蘿萝廟庙劉刘際际" +
	"灑洒戀恋鴛鸳詔诏壇坛婦妇彈弹體体惡恶蘇苏廬庐試试爐炉濟济進进紀纪麗丽淒凄疊叠牆墙馳驰採采闌阑掃扫儀仪號号適适層层勸劝駐驻" +
	"類类濃浓鱗鳞遷迁峽峡誤误隴陇嬌娇寫写繫系窺窥則则蟲虫島岛煩烦濤涛讀读侶侣頂顶拋抛補补慶庆趨趋險险脫脱嶽岳薦荐肅肃騰腾續续" +
	"闊阔飢饥買买鬱郁賤贱環环纔才驛驿龜龟貞贞堯尧鮮鲜纖纤檻槛場场網网銅铜輿舆請请箇个個个運运談谈虜虏霽霁鎖锁曠旷蹤踪側侧暉晖" +
	"賜赐資资據据編编墮堕劍剑覓觅籬篱陸陆寵宠違违綵彩豐丰謀谋託托視视饒饶鷺鹭鉤钩蕪芜貪贪戲戏壓压換换峯峰觸触簫箫錫锡揮挥靄霭" +
	"敵敌廢废觴觞鷗鸥團团慮虑潤润競竞縈萦瀟潇鎮镇織织徹彻嘯啸農农祿禄態态渾浑衝冲晉晋齒齿聯联獵猎堅坚詎讵魯鲁羈羁墜坠鐵铁備备" +
	"啓启啟启簡简滯滞約约趙赵纓缨謁谒萊莱質质彌弥屢屡誇夸寬宽繼继維维並并凍冻陣阵鴦鸯蠻蛮潔洁閨闺飯饭蘋苹濛蒙鵲鹊溫温颯飒術术" +
	"護护賊贼領领單单蘆芦圍围擊击賈贾紗纱濱滨輦辇寢寝賴赖執执欄栏鄭郑慘惨鑿凿鍾钟畢毕職职項项熱热綬绶賀贺蘚藓選选灘滩鋪铺獸兽" +
	"綿绵墳坟溝沟減减楓枫爛烂顛颠濁浊規规輩辈諫谏鉛铅嵐岚釵钗臘腊頗颇擲掷權权紙纸電电認认莊庄覽览螢萤標标飽饱撫抚絳绛禍祸緒绪" +
	"遼辽頌颂賒赊習习夾夹區区雛雏敗败逕迳狀状謫谪鷹鹰綸纶韓韩衛卫喚唤騷骚淪沦錯错釋释盧卢麥麦喬乔擾扰順顺讓让謾谩躍跃壘垒議议" +
	"湯汤價价奪夺練练鬚须勳勋賣卖決决縷缕頃顷驕骄災灾弔吊綴缀損损僕仆裝装築筑喪丧娛娱專专癡痴佇伫莖茎輸输穩稳悽凄闈闱繩绳艱艰" +
	"鳧凫頓顿蠶蚕聳耸漲涨設设塗涂冊册頹颓礙碍鸚鹦講讲鋒锋倫伦攢攒脈脉臉脸鯨鲸嫋袅鈿钿鴉鸦詳详慚惭磧碛轅辕藝艺惱恼遞递鍊炼閭闾" +
	"崑昆捨舍鑒鉴瑣琐斂敛馭驭氳氲壞坏曆历鵡鹉組组務务銘铭瀾澜驪骊誦诵纏缠緩缓淵渊顯显畝亩飆飙納纳韋韦現现貫贯撲扑噴喷優优謠谣" +
	"藍蓝穀谷轍辙嗚呜悅悦膽胆閒闲驄骢蟻蚁亞亚橈桡藹蔼廚厨巒峦籌筹證证貢贡岡冈瀉泻懼惧獲获緘缄恥耻儻傥費费捲卷鵬鹏測测漿浆撥拨" +
	"駿骏篋箧鈞钧棟栋斬斩倉仓線线愜惬嬋婵獄狱踐践剛刚謬谬竈灶慣惯檢检齡龄儼俨籟籁訝讶閱阅鑾銮懶懒箏筝鑑鉴嶼屿嬰婴嶠峤劇剧鹽盐" +
	"鋤锄鵠鹄沖冲絃弦盜盗紆纡灣湾恆恒頑顽闇暗翹翘預预訣诀瓏珑櫻樱軸轴貯贮財财竇窦囀啭驥骥鏘锵筍笋硯砚餌饵潯浔颻飖軟软熒荧甕瓮" +
	"愴怆馮冯躡蹑轡辔綃绡併并儔俦剎刹溼湿濕湿醫医縫缝呂吕輔辅澀涩膩腻輯辑檣樯醜丑樣样疇畴葦苇餞饯喫吃濺溅鯉鲤軀躯勁劲峴岘闢辟" +
	"憲宪絡络飾饰誅诛瀝沥幃帏竊窃諧谐縹缥勻匀崙仑貽贻稅税鵷鹓虧亏憤愤彎弯鴣鸪構构蔭荫暢畅磯矶塢坞鷓鹧鈴铃淥渌悶闷鑄铸闔阖繚缭" +
	"諒谅鵝鹅祕秘閶阊諳谙製制驂骖矯矫蠟蜡億亿綱纲囂嚣滌涤紋纹擇择閩闽產产驟骤颺飏儲储燼烬較较討讨棧栈庫库瀨濑聰聪躕蹰額额鵰雕" +
	"灩滟統统馴驯緬缅監监潁颍輟辍幹干躋跻巔巅膚肤縛缚這这惻恻瘡疮僅仅瑩莹蔣蒋閤阁朧胧彥彦儉俭駟驷員员貝贝俠侠樞枢頤颐毀毁颼飕" +
	"脩修蠅蝇煉炼贊赞轂毂鉢钵崢峥掛挂奮奋漣涟糧粮傑杰甌瓯鱸鲈訴诉綻绽擺摆薊蓟帥帅膠胶欽钦騁骋鬧闹贏赢邁迈嶸嵘盃杯縮缩蟄蛰籙箓" +
	"驢驴襲袭鵑鹃緇缁騮骝訓训謳讴卻却凜凛譜谱軫轸頸颈紱绂鴨鸭緲缈龕龛壠垄蹕跸鴟鸱駭骇隻只鏤镂訟讼犢犊讒谗鮑鲍驗验軋轧凱凯餓饿" +
	"謨谟誡诫竄窜槍枪給给歿殁暈晕鉞钺涇泾諾诺挾挟鏗铿脣唇閃闪饑饥捫扪審审韜韬慟恸鷁鹢澆浇濫滥姦奸責责櫳栊狹狭煥焕騶驺鳶鸢盞盏" +
	"蔥葱擔担鄴邺鄒邹檜桧僞伪偽伪績绩腦脑儂侬穠秾鄲郸纜缆闐阗隊队導导於于們们麼么嗎吗訊讯係系媽妈爺爷貓猫豬猪蝦虾級级範范錶表" +
	"週周幣币貨货碼码艦舰療疗癒愈誌志獎奖勵励準准確确讚赞廳厅鬆松麵面颱台檯台嚇吓鋼钢輛辆駛驶搶抢簽签償偿腳脚頁页屆届歐欧紐纽" +
	"黨党" +
	"鸝鹂鴿鸽鷲鹫鷂鹞鵓鹁鶉鹑鶩鹜鸛鹳鸕鸬蟈蝈蠍蝎鱷鳄鯊鲨鰻鳗鯽鲫鱉鳖鼴鼹獅狮猻狲貍狸騾骡駝驼鷄鸡"
