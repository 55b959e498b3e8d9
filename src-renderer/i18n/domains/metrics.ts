/** Texts of the metrics page. The Spanish object must have exactly the English keys. */
export const metricsEn = {
  'metrics.pageTitle': 'Metrics',
};

export const metricsEs: Record<keyof typeof metricsEn, string> = {
  'metrics.pageTitle': 'Métricas',
};
