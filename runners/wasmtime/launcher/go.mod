module github.com/edgewasm/edgewasm/runners/wasmtime/launcher

go 1.26.0

require (
	github.com/bytecodealliance/wasmtime-go/v25 v25.0.0
	github.com/edgewasm/edgewasm v0.0.0
)

require golang.org/x/sys v0.50.0 // indirect

replace github.com/edgewasm/edgewasm => ../../..
