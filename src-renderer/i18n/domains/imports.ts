/** Texts for import of files and the topology. The Spanish object must have exactly the English keys. */
export const importsEn = {
} as const;

export const importsEs: Record<keyof typeof importsEn, string> = {
};
