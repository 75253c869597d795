package wordnet

// lexnames is the table of lexicographer file names from the lexnames(5WN)
// manual page of WordNet 3.0. Each synset's data line stores the index of
// its file (lex_filenum); Synset.Lexname maps it back to the name. It is
// embedded here because Debian's wordnet-base does not ship the lexnames
// file (NLTK requires it; this package does not).
var lexnames = [...]string{
	"adj.all",            // 00 all adjective clusters
	"adj.pert",           // 01 relational adjectives (pertainyms)
	"adv.all",            // 02 all adverbs
	"noun.Tops",          // 03 unique beginner for nouns
	"noun.act",           // 04 nouns denoting acts or actions
	"noun.animal",        // 05 nouns denoting animals
	"noun.artifact",      // 06 nouns denoting man-made objects
	"noun.attribute",     // 07 nouns denoting attributes of people and objects
	"noun.body",          // 08 nouns denoting body parts
	"noun.cognition",     // 09 nouns denoting cognitive processes and contents
	"noun.communication", // 10 nouns denoting communicative processes and contents
	"noun.event",         // 11 nouns denoting natural events
	"noun.feeling",       // 12 nouns denoting feelings and emotions
	"noun.food",          // 13 nouns denoting foods and drinks
	"noun.group",         // 14 nouns denoting groupings of people or objects
	"noun.location",      // 15 nouns denoting spatial position
	"noun.motive",        // 16 nouns denoting goals
	"noun.object",        // 17 nouns denoting natural objects (not man-made)
	"noun.person",        // 18 nouns denoting people
	"noun.phenomenon",    // 19 nouns denoting natural phenomena
	"noun.plant",         // 20 nouns denoting plants
	"noun.possession",    // 21 nouns denoting possession and transfer of possession
	"noun.process",       // 22 nouns denoting natural processes
	"noun.quantity",      // 23 nouns denoting quantities and units of measure
	"noun.relation",      // 24 nouns denoting relations between people or things or ideas
	"noun.shape",         // 25 nouns denoting two and three dimensional shapes
	"noun.state",         // 26 nouns denoting stable states of affairs
	"noun.substance",     // 27 nouns denoting substances
	"noun.time",          // 28 nouns denoting time and temporal relations
	"verb.body",          // 29 verbs of grooming, dressing and bodily care
	"verb.change",        // 30 verbs of size, temperature change, intensifying, etc.
	"verb.cognition",     // 31 verbs of thinking, judging, analyzing, doubting
	"verb.communication", // 32 verbs of telling, asking, ordering, singing
	"verb.competition",   // 33 verbs of fighting, athletic activities
	"verb.consumption",   // 34 verbs of eating and drinking
	"verb.contact",       // 35 verbs of touching, hitting, tying, digging
	"verb.creation",      // 36 verbs of sewing, baking, painting, performing
	"verb.emotion",       // 37 verbs of feeling
	"verb.motion",        // 38 verbs of walking, flying, swimming
	"verb.perception",    // 39 verbs of seeing, hearing, feeling
	"verb.possession",    // 40 verbs of buying, selling, owning
	"verb.social",        // 41 verbs of political and social activities and events
	"verb.stative",       // 42 verbs of being, having, spatial relations
	"verb.weather",       // 43 verbs of raining, snowing, thawing, thundering
	"adj.ppl",            // 44 participial adjectives
}

// Lexnames returns the 45 lexicographer file names of WordNet 3.0, indexed
// by file number (lexnames(5WN)).
func Lexnames() []string { return append([]string(nil), lexnames[:]...) }
