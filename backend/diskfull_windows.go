//go:build windows

package backend

// Windows reports a full disk as ERROR_DISK_FULL (112) or
// ERROR_HANDLE_DISK_FULL (39), a full quota as ERROR_DISK_QUOTA_EXCEEDED (1295).
func init() {
	diskFullErrnos = append(diskFullErrnos, 112, 39, 1295)
}
