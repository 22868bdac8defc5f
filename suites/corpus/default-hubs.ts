/** The linked hubs the harness uses when a case names none (user cases, the emulator's default enrollment). */
export const DEFAULT_LINKED_HUBS: readonly [string, ...string[]] = ['dpsc-hub-1.azure-devices.net', 'dpsc-hub-2.azure-devices.net'];
