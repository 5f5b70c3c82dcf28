// Package fleet is the home of the Ansible playbook that runs edgewasm on
// a fleet of boards (site.yml, roles/edgewasm, inventory.example.ini; see
// README.md). It has no Go API: its tests prove that the playbook works,
// against "boards" that are network namespaces running OpenSSH's server.
package fleet
