module github.com/edgewasm/edgewasm/runners/wasmer/launcher

go 1.26.0

require (
	github.com/edgewasm/edgewasm v0.0.0
	github.com/wasmerio/wasmer-go v1.0.4
)

require golang.org/x/sys v0.50.0 // indirect

replace github.com/edgewasm/edgewasm => ../../..
