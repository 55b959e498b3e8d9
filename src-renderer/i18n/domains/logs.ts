/** Texts of the logs page. The Spanish object must have exactly the English keys. */
export const logsEn = {
  'logs.pageTitle': 'Logs',
};

export const logsEs: Record<keyof typeof logsEn, string> = {
  'logs.pageTitle': 'Registros',
};
