/**
 * Keys a render.yaml Blueprint may use. The base is the JSON Schema in the shared specs
 * (render-oss/render-cli _data/render.schema.json, 2022); it lags the current Blueprint
 * reference (render.com/docs/blueprint-spec), so the keys that reference added since — runtime,
 * projects/environments, previews, keyvalue, image, rootDir, preDeployCommand, buildFilter… —
 * are listed too, each group marked. Anything else is a warning with its line.
 */
const fromSchema = {
  root: ['services', 'databases', 'envVarGroups', 'previewsEnabled', 'previewsExpireAfterDays'],
  service: [
    'autoDeploy', 'branch', 'buildCommand', 'disk', 'dockerCommand', 'dockerContext', 'dockerfilePath', 'domains',
    'env', 'envVars', 'headers', 'healthCheckPath', 'initialDeployHook', 'ipAllowList', 'maxmemoryPolicy', 'name',
    'numInstances', 'plan', 'previewPlan', 'pullRequestPreviewsEnabled', 'region', 'repo', 'routes', 'scaling',
    'schedule', 'startCommand', 'staticPublishPath', 'type',
  ],
  envVar: ['key', 'value', 'previewValue', 'fromDatabase', 'fromService', 'generateValue', 'sync', 'fromGroup'],
  database: ['databaseName', 'ipAllowList', 'name', 'plan', 'postgresMajorVersion', 'previewPlan', 'region', 'user'],
  group: ['envVars', 'name'],
  scaling: ['maxInstances', 'minInstances', 'targetCPUPercent', 'targetMemoryPercent'],
  disk: ['mountPath', 'name', 'sizeGB'],
};

const fromReference = {
  root: ['projects', 'ungrouped', 'previews'],
  service: [
    'runtime', 'rootDir', 'preDeployCommand', 'buildFilter', 'image', 'registryCredential', 'previews',
    'maxShutdownDelaySeconds', 'autoDeployTrigger', 'persistenceMode', 'buildPlan',
  ],
  database: ['diskSizeGB', 'highAvailability', 'readReplicas', 'previews', 'storageAutoscalingEnabled'],
  project: ['name', 'environments', 'envVarGroups'],
  environment: ['name', 'services', 'databases', 'envVarGroups', 'networking', 'permissions', 'protectedStatus'],
  previews: ['generation', 'expireAfterDays'],
};

export const RENDER_KEYS = {
  root: new Set([...fromSchema.root, ...fromReference.root]),
  service: new Set([...fromSchema.service, ...fromReference.service]),
  envVar: new Set(fromSchema.envVar),
  database: new Set([...fromSchema.database, ...fromReference.database]),
  group: new Set(fromSchema.group),
  scaling: new Set(fromSchema.scaling),
  disk: new Set(fromSchema.disk),
  project: new Set(fromReference.project),
  environment: new Set(fromReference.environment),
  previews: new Set(fromReference.previews),
};

export const RENDER_SERVICE_TYPES = new Set(['web', 'worker', 'pserv', 'cron', 'redis', 'keyvalue', 'workflow']);
