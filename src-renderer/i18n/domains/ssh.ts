/** Texts for hosts over SSH: connect, host keys, terminal, scan. The Spanish object must have exactly the English keys. */
export const sshEn = {
} as const;

export const sshEs: Record<keyof typeof sshEn, string> = {
};
