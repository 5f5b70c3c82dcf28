package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/edgewasm/edgewasm/literature"
)

func exitCode(err error) int {
	var ec cli.ExitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func TestLiteraturePrisma(t *testing.T) {
	var out bytes.Buffer
	err := runLiteraturePrisma(context.Background(), literatureOptions{Root: ".", Review: "thesis-2020", Format: "csv", Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(out.String(), "\n")
	if first != "data,node,box,description,boxtext,tooltips,url,n" {
		t.Errorf("header = %q", first)
	}
	out.Reset()
	if err := runLiteraturePrisma(context.Background(), literatureOptions{Root: ".", Review: "thesis-2020", Format: "text", Stdout: &out}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Records identified from databases: 140", "Records screened: 134", "4 Duplicate removal"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text output lacks %q:\n%s", want, out.String())
		}
	}
	for _, o := range []literatureOptions{
		{Root: ".", Review: "thesis-2020", Format: "json"},
		{Root: ".", Review: "no-such", Format: "csv"},
	} {
		o.Stdout = &out
		if code := exitCode(runLiteraturePrisma(context.Background(), o)); code != exitBadArgs {
			t.Errorf("%+v: exit %d, want %d", o, code, exitBadArgs)
		}
	}
}

func TestLiteratureCheckCorrupt(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "literature"), os.DirFS("literature")); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runLiteratureCheck(context.Background(), literatureOptions{Root: root, Stdout: &out}); err != nil {
		t.Fatalf("clean copy: %v\n%s", err, out.String())
	}
	counts := filepath.Join(root, "literature", "reviews", "thesis-2020", "counts.csv")
	b, _ := os.ReadFile(counts)
	os.WriteFile(counts, bytes.Replace(b, []byte("search,all,140,"), []byte("search,all,141,"), 1), 0o644)
	out.Reset()
	err := runLiteratureCheck(context.Background(), literatureOptions{Root: root, Stdout: &out})
	if exitCode(err) != exitBadArgs {
		t.Fatalf("exit %d, want %d", exitCode(err), exitBadArgs)
	}
	if !strings.Contains(out.String(), "counts.csv:2: sum:") {
		t.Errorf("output does not name file, line and rule:\n%s", out.String())
	}
}

func TestLiteratureRuntimes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "containerd-shim-wasmedge-v1"), []byte("#!/bin/sh\n"), 0o755)
	var out bytes.Buffer
	daemon := func(context.Context) (literature.Daemon, error) {
		return literature.Daemon{Engine: "20.10", API: "1.41", Default: "runc",
			Runtimes: map[string]string{"runc": "runc", "wasmedge": "io.containerd.wasmedge.v1"}}, nil
	}
	o := literatureOptions{Format: "text", Stdout: &out, PathEnv: dir, Daemon: daemon}
	if err := runLiteratureRuntimes(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"runtime wasmedge", "containerd-shim-wasmedge-v1"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	o.Daemon = func(context.Context) (literature.Daemon, error) {
		return literature.Daemon{}, errors.New("connection refused")
	}
	o.Format = "json"
	if err := runLiteratureRuntimes(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"daemon_error": "connection refused"`) {
		t.Errorf("json output:\n%s", out.String())
	}
}

func TestLiteratureFigures(t *testing.T) {
	out := t.TempDir()
	var buf bytes.Buffer
	if err := runLiteratureFigures(context.Background(), literatureOptions{Root: ".", Out: out, Stdout: &buf}); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".svg", ".png", ".csv"} {
		if st, err := os.Stat(filepath.Join(out, "prisma-thesis"+ext)); err != nil || st.Size() == 0 {
			t.Errorf("prisma-thesis%s: %v", ext, err)
		}
	}
}
