export { AuditLog, type AuditListOptions, type AuditExport } from './audit-log';
export { auditToCsv, auditToJson, csvField, AUDIT_COLUMNS } from './audit-export';
export { currentOsUser } from './os-user';
