package proc

import (
	"net"
	"os"
	"strconv"
)

// ListenFile opens a TCP socket listening on host at a port the kernel
// chooses, for a server workload to inherit (natively, as its fd 3). It
// returns the socket as a file, which the caller passes to the child and
// then closes, and the address clients connect to.
func ListenFile(host string) (*os.File, string, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return nil, "", err
	}
	defer ln.Close() // the file is a duplicate: the socket stays open through it
	f, err := ln.(*net.TCPListener).File()
	if err != nil {
		return nil, "", err
	}
	return f, ln.Addr().String(), nil
}

// FreePort returns a TCP port on host that was free a moment ago, for a
// runner whose guest or runtime binds the address itself (a container, a
// Wasm runtime's pre-opened socket). Another process could take it in
// between; the workload then fails to listen, which is recorded.
func FreePort(host string) (string, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port), nil
}
