package main

import (
	"encoding/binary"
	"fmt"

	"github.com/wasmerio/wasmer-go/wasmer"
)

// Wasmer 2.x reports each pre-opened directory's name with a trailing NUL
// counted in its length (fd_prestat_get says 8 for "scratch", and
// fd_prestat_dir_name writes "scratch\x00"; wasmerio/wasmer#6009).
// wasi-libc ignores the NUL; Go's wasip1 runtime keeps it in the name, so
// no path matches a pre-open and every open fails with EBADF. The launcher
// therefore answers the guest's two pre-open queries itself, with
// Wasmer's own answers minus that NUL: nothing else changes (the numbers
// of the descriptors, the virtual root "/" Wasmer pre-opens before the
// mapped directory, the names themselves).
//
// Wasmer's answers come from Wasmer, at the moment the guest asks: a
// probe module that imports the two original functions and exports a
// memory and two functions that call them runs in the same WASI
// environment (the same descriptor table) as the guest. (The originals
// cannot be called from Go directly: Wasmer 2.0 cannot call a host
// function from the host.) The probe is compiled, or loaded from the
// cache, with the guest.

// WASI errno values the overrides return themselves.
const (
	errnoFault    = 21 // EFAULT: a pointer outside the guest's memory
	errnoOverflow = 61 // EOVERFLOW: the guest's buffer is too short
)

// prestatDir is the tag of a pre-opened directory in a WASI prestat.
const prestatDir = 0

// probeModule is
//
//	(module
//	  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $get (param i32 i32) (result i32)))
//	  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $name (param i32 i32 i32) (result i32)))
//	  (memory (export "memory") 1)
//	  (func (export "get") (param i32 i32) (result i32) local.get 0 local.get 1 call $get)
//	  (func (export "name") (param i32 i32 i32) (result i32) local.get 0 local.get 1 local.get 2 call $name))
var probeModule = wasmModule(
	section(1, vec( // types
		[]byte{0x60, 2, 0x7f, 0x7f, 1, 0x7f},
		[]byte{0x60, 3, 0x7f, 0x7f, 0x7f, 1, 0x7f})),
	section(2, vec( // imports
		cat(name(wasiModule), name(getName), []byte{0, 0}),
		cat(name(wasiModule), name(dirNameName), []byte{0, 1}))),
	section(3, vec([]byte{0}, []byte{1})), // functions
	section(5, vec([]byte{0, 1})),         // one memory of one page
	section(7, vec( // exports
		cat(name("memory"), []byte{2, 0}),
		cat(name("get"), []byte{0, 2}),
		cat(name("name"), []byte{0, 3}))),
	section(10, vec( // code
		body(0x20, 0, 0x20, 1, 0x10, 0, 0x0b),
		body(0x20, 0, 0x20, 1, 0x20, 2, 0x10, 1, 0x0b))),
)

const (
	wasiModule  = "wasi_snapshot_preview1"
	getName     = "fd_prestat_get"
	dirNameName = "fd_prestat_dir_name"
)

func wasmModule(sections ...[]byte) []byte {
	return cat(append([][]byte{[]byte("\x00asm\x01\x00\x00\x00")}, sections...)...)
}

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// The sizes below fit in one LEB128 byte (< 128), as they all do here.
func section(id byte, payload []byte) []byte { return cat([]byte{id, byte(len(payload))}, payload) }
func vec(items ...[]byte) []byte             { return cat(append([][]byte{{byte(len(items))}}, items...)...) }
func name(s string) []byte                   { return cat([]byte{byte(len(s))}, []byte(s)) }
func body(code ...byte) []byte               { return cat([]byte{byte(len(code) + 1), 0}, code) }

// importsPrestat reports whether the module imports either pre-open query.
func importsPrestat(mod *wasmer.Module) bool {
	for _, im := range mod.Imports() {
		if im.Module() == wasiModule && (im.Name() == getName || im.Name() == dirNameName) {
			return true
		}
	}
	return false
}

// prestatNames answers the guest's pre-open queries from the probe.
type prestatNames struct {
	get, name func(...interface{}) (interface{}, error)
	probe     *wasmer.Memory // the probe's memory: the originals write there
	guest     *wasmer.Memory // the guest's memory, set once it is instantiated
}

// newPrestatNames instantiates the probe in the WASI environment env.
func newPrestatNames(store *wasmer.Store, env *wasmer.WasiEnvironment, probe *wasmer.Module) (*prestatNames, error) {
	imports, err := env.GenerateImportObject(store, probe)
	if err != nil {
		return nil, fmt.Errorf("the pre-open probe's imports: %w", err)
	}
	inst, err := wasmer.NewInstance(probe, imports)
	if err != nil {
		return nil, fmt.Errorf("instantiating the pre-open probe: %w", err)
	}
	p := &prestatNames{}
	if p.probe, err = inst.Exports.GetMemory("memory"); err == nil {
		if p.get, err = inst.Exports.GetFunction("get"); err == nil {
			p.name, err = inst.Exports.GetFunction("name")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("the pre-open probe: %w", err)
	}
	return p, nil
}

// register replaces the two queries in imports (Register merges names
// into the existing namespace).
func (p *prestatNames) register(store *wasmer.Store, imports *wasmer.ImportObject) {
	i32 := func(n int) []*wasmer.ValueType {
		k := make([]wasmer.ValueKind, n)
		for i := range k {
			k[i] = wasmer.I32
		}
		return wasmer.NewValueTypes(k...)
	}
	errno := func(e int32, err error) ([]wasmer.Value, error) {
		if err != nil {
			return nil, err
		}
		return []wasmer.Value{wasmer.NewI32(e)}, nil
	}
	imports.Register(wasiModule, map[string]wasmer.IntoExtern{
		getName: wasmer.NewFunction(store, wasmer.NewFunctionType(i32(2), i32(1)), func(a []wasmer.Value) ([]wasmer.Value, error) {
			return errno(p.prestatGet(a[0].I32(), a[1].I32()))
		}),
		dirNameName: wasmer.NewFunction(store, wasmer.NewFunctionType(i32(3), i32(1)), func(a []wasmer.Value) ([]wasmer.Value, error) {
			return errno(p.prestatDirName(a[0].I32(), a[1].I32(), a[2].I32()))
		}),
	})
}

// Layout of the probe's memory: the prestat at 0, the name from 16.
const (
	probePrestat = 0
	probeName    = 16
)

// original returns Wasmer's answer for fd: its errno, and for a
// pre-opened directory its prestat (8 bytes) and the name without the
// trailing NUL.
func (p *prestatNames) original(fd int32) (errno int32, prestat []byte, dir string, err error) {
	r, err := p.get(fd, int32(probePrestat))
	if err != nil {
		return 0, nil, "", err
	}
	if errno = r.(int32); errno != 0 {
		return errno, nil, "", nil
	}
	mem := p.probe.Data()
	prestat = append([]byte{}, mem[probePrestat:probePrestat+8]...)
	if prestat[0] != prestatDir {
		return 0, prestat, "", nil
	}
	n := binary.LittleEndian.Uint32(prestat[4:])
	if uint64(n) > uint64(len(mem)-probeName) {
		return errnoOverflow, nil, "", nil
	}
	if r, err = p.name(fd, int32(probeName), int32(n)); err != nil {
		return 0, nil, "", err
	}
	if errno = r.(int32); errno != 0 {
		return errno, nil, "", nil
	}
	b := p.probe.Data()[probeName : probeName+int(n)]
	if len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	binary.LittleEndian.PutUint32(prestat[4:], uint32(len(b)))
	return 0, prestat, string(b), nil
}

// guestBytes returns n bytes of the guest's memory at ptr, or false when
// they are not all inside it.
func (p *prestatNames) guestBytes(ptr int32, n int) ([]byte, bool) {
	mem := p.guest.Data()
	if ptr < 0 || uint64(ptr)+uint64(n) > uint64(len(mem)) {
		return nil, false
	}
	return mem[ptr : int(ptr)+n], true
}

// prestatGet is fd_prestat_get(fd, buf).
func (p *prestatNames) prestatGet(fd, buf int32) (int32, error) {
	errno, prestat, _, err := p.original(fd)
	if err != nil || errno != 0 {
		return errno, err
	}
	dst, ok := p.guestBytes(buf, len(prestat))
	if !ok {
		return errnoFault, nil
	}
	copy(dst, prestat)
	return 0, nil
}

// prestatDirName is fd_prestat_dir_name(fd, path, len).
func (p *prestatNames) prestatDirName(fd, path, n int32) (int32, error) {
	errno, prestat, dir, err := p.original(fd)
	if err != nil || errno != 0 {
		return errno, err
	}
	if prestat[0] != prestatDir {
		// Not a directory: Wasmer's own answer for the guest's arguments.
		r, err := p.name(fd, int32(probeName), int32(0))
		if err != nil {
			return 0, err
		}
		return r.(int32), nil
	}
	if int(n) < len(dir) {
		return errnoOverflow, nil
	}
	dst, ok := p.guestBytes(path, len(dir))
	if !ok {
		return errnoFault, nil
	}
	copy(dst, dir)
	return 0, nil
}
