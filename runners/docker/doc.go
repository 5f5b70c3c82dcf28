// Package docker is the Docker platform: it runs each workload as a
// statically linked native binary in a FROM-scratch container, driving the
// Docker Engine through its HTTP API (github.com/moby/moby/client).
//
// Prepare builds one image per workload from a tar build context and tags
// it by the content hash of its build context, so an image is rebuilt only
// when its binary changes. Run is the equivalent of `docker run --rm`
// (create, attach, start, wait, remove), each phase timed; for the startup
// experiment it also times the docker CLI on the same image. Hold runs a
// resident workload with stdin attached and reads the container's cgroup
// memory, the containerd shim's PSS and the drop in MemAvailable.
// Containers run hardened: no network, read-only root filesystem, no
// capabilities, no-new-privileges, a non-root user and a pids limit.
//
// Every image and container carries the label LabelManaged, so Clean can
// remove what the project left behind.
package docker
