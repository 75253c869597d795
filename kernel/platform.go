package kernel

import "runtime"

func pluginsSupported() bool { return runtime.GOOS == "linux" || runtime.GOOS == "darwin" }

func goosArch() string { return runtime.GOOS + "/" + runtime.GOARCH }
