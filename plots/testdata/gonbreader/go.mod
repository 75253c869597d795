module gonbreader

go 1.24

require github.com/janpfeifer/gonb v0.11.1
