module github.com/edgewasm/edgewasm

go 1.24
