/** Texts of the health page. The Spanish object must have exactly the English keys. */
export const healthEn = {
  'health.pageTitle': 'Health',
};

export const healthEs: Record<keyof typeof healthEn, string> = {
  'health.pageTitle': 'Salud',
};
