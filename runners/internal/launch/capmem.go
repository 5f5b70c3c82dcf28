package launch

import (
	"errors"
	"fmt"
)

// CapMemory returns module with the maximum of its memory set to at most
// maxPages 64 KiB pages, for runtimes without a memory limiter of their
// own (the guest's memory.grow then fails past the limit, as it does with
// wazero's WithMemoryLimitPages). It fails when the module's initial
// memory exceeds the limit, when it imports a memory (which the module
// cannot declare the limit of) and when the binary is malformed. Other
// sections are copied unchanged.
func CapMemory(module []byte, maxPages uint32) ([]byte, error) {
	if len(module) < 8 || string(module[:4]) != "\x00asm" {
		return nil, errors.New("not a WebAssembly binary (no \\0asm magic)")
	}
	out := append([]byte{}, module[:8]...)
	p := 8
	for p < len(module) {
		id := module[p]
		size, n, err := uleb(module, p+1)
		if err != nil {
			return nil, fmt.Errorf("section at byte %d: %w", p, err)
		}
		start := p + 1 + n
		end := start + int(size)
		if end > len(module) || end < start {
			return nil, fmt.Errorf("section %d at byte %d: size %d runs past the end", id, p, size)
		}
		payload := module[start:end]
		switch id {
		case 2:
			if err := noMemoryImport(payload); err != nil {
				return nil, err
			}
		case 5:
			capped, err := capMemories(payload, maxPages)
			if err != nil {
				return nil, err
			}
			out = append(out, id)
			out = appendUleb(out, uint64(len(capped)))
			out = append(out, capped...)
			p = end
			continue
		}
		out = append(out, module[p:end]...)
		p = end
	}
	return out, nil
}

// capMemories rewrites a memory section's limits.
func capMemories(b []byte, maxPages uint32) ([]byte, error) {
	count, p, err := uleb(b, 0)
	if err != nil {
		return nil, fmt.Errorf("memory section: %w", err)
	}
	out := appendUleb(nil, count)
	for i := uint64(0); i < count; i++ {
		if p >= len(b) {
			return nil, errors.New("memory section: truncated")
		}
		flags := b[p]
		if flags > 1 {
			return nil, fmt.Errorf("memory %d: limits flags %#x (shared or 64-bit memory) not supported", i, flags)
		}
		lo, n, err := uleb(b, p+1)
		if err != nil {
			return nil, fmt.Errorf("memory %d: %w", i, err)
		}
		p += 1 + n
		hi := uint64(maxPages)
		if flags == 1 {
			m, n, err := uleb(b, p)
			if err != nil {
				return nil, fmt.Errorf("memory %d: %w", i, err)
			}
			p += n
			hi = min(hi, m)
		}
		if lo > uint64(maxPages) {
			return nil, fmt.Errorf("memory %d: the module needs %d pages initially, over the limit of %d", i, lo, maxPages)
		}
		out = appendUleb(appendUleb(append(out, 1), lo), hi)
	}
	if p != len(b) {
		return nil, errors.New("memory section: trailing bytes")
	}
	return out, nil
}

// noMemoryImport fails when the import section imports a memory.
func noMemoryImport(b []byte) error {
	count, p, err := uleb(b, 0)
	if err != nil {
		return fmt.Errorf("import section: %w", err)
	}
	name := func() error {
		l, n, err := uleb(b, p)
		if err != nil || p+n+int(l) > len(b) {
			return errors.New("import section: bad name")
		}
		p += n + int(l)
		return nil
	}
	skip := func() error { // one unsigned LEB128
		_, n, err := uleb(b, p)
		p += n
		return err
	}
	for i := uint64(0); i < count; i++ {
		if err := name(); err != nil {
			return err
		}
		if err := name(); err != nil {
			return err
		}
		if p >= len(b) {
			return errors.New("import section: truncated")
		}
		kind := b[p]
		p++
		switch kind {
		case 0: // function: type index
			err = skip()
		case 1: // table: reference type, limits
			p++
			err = skipLimits(b, &p)
		case 2:
			return errors.New("the module imports its memory, whose limit the launcher cannot set")
		case 3: // global: value type, mutability
			p += 2
		case 4: // tag: attribute, type index
			p++
			err = skip()
		default:
			return fmt.Errorf("import %d: unknown kind %#x", i, kind)
		}
		if err != nil || p > len(b) {
			return errors.New("import section: truncated")
		}
	}
	return nil
}

func skipLimits(b []byte, p *int) error {
	if *p >= len(b) {
		return errors.New("truncated limits")
	}
	flags := b[*p]
	*p++
	for range 1 + int(flags&1) {
		_, n, err := uleb(b, *p)
		if err != nil {
			return err
		}
		*p += n
	}
	return nil
}

// uleb reads an unsigned LEB128 (at most 64 bits) at b[p:], returning the
// value and its length.
func uleb(b []byte, p int) (uint64, int, error) {
	var v uint64
	for i := 0; i < 10; i++ {
		if p+i >= len(b) {
			return 0, 0, errors.New("truncated LEB128")
		}
		c := b[p+i]
		v |= uint64(c&0x7f) << (7 * i)
		if c&0x80 == 0 {
			return v, i + 1, nil
		}
	}
	return 0, 0, errors.New("LEB128 longer than 10 bytes")
}

func appendUleb(b []byte, v uint64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
