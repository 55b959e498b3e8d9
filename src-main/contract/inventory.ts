import { z } from 'zod';
import { Id, Name, SecretInput, SecretState, Text, Timestamp } from './common';

// ---------- projects ----------
export const Project = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Project = z.infer<typeof Project>;

export const ProjectCreate = z.object({ name: Name, description: Text.default('') }).strict();
export const ProjectUpdate = z
  .object({ id: Id, name: Name.optional(), description: Text.optional() })
  .strict();

// ---------- environments ----------
export const EnvironmentKind = z.enum(['production', 'staging', 'development', 'preview', 'other']);
export type EnvironmentKind = z.infer<typeof EnvironmentKind>;

export const Environment = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  kind: EnvironmentKind,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Environment = z.infer<typeof Environment>;

export const EnvironmentCreate = z
  .object({ projectId: Id, name: Name, kind: EnvironmentKind.default('production') })
  .strict();
export const EnvironmentUpdate = z
  .object({ id: Id, name: Name.optional(), kind: EnvironmentKind.optional() })
  .strict();

// ---------- hosts ----------
export const HostAuthMethod = z.enum(['password', 'key', 'agent']);
export type HostAuthMethod = z.infer<typeof HostAuthMethod>;

export const HostProvider = z.enum(['digitalocean', 'vps', 'bare-metal', 'local', 'other']);

/** DNS name, IPv4 or IPv6 literal; no spaces, no shell metacharacters. */
export const HostAddress = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253)
  .regex(/^[A-Za-z0-9.:\-[\]%_]+$/, 'must be a host name or an IP address');

export const Port = z.number().int().min(1).max(65535);
export const SshUser = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9._-]*\$?$/, 'must be a valid user name');

export const HostSecretField = z.enum(['password', 'privateKey', 'passphrase']);
export type HostSecretField = z.infer<typeof HostSecretField>;

export const Host = z.object({
  id: Id,
  environmentId: Id,
  name: z.string(),
  address: z.string(),
  port: z.number(),
  username: z.string(),
  authMethod: HostAuthMethod,
  provider: HostProvider,
  credentialId: Id.nullable(),
  jumpHostId: Id.nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  secrets: z.object({ password: SecretState, privateKey: SecretState, passphrase: SecretState }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Host = z.infer<typeof Host>;

const Tags = z.array(Name).max(32);
const HostSecretsInput = z
  .object({
    password: SecretInput.optional(),
    privateKey: SecretInput.optional(),
    passphrase: SecretInput.optional(),
  })
  .strict();

export const HostCreate = z
  .object({
    environmentId: Id,
    name: Name,
    address: HostAddress,
    port: Port.default(22),
    username: SshUser.default('root'),
    authMethod: HostAuthMethod.default('key'),
    provider: HostProvider.default('vps'),
    credentialId: Id.nullable().default(null),
    jumpHostId: Id.nullable().default(null),
    tags: Tags.default([]),
    notes: Text.default(''),
    secrets: HostSecretsInput.default({}),
  })
  .strict();
export const HostUpdate = z
  .object({
    id: Id,
    environmentId: Id.optional(),
    name: Name.optional(),
    address: HostAddress.optional(),
    port: Port.optional(),
    username: SshUser.optional(),
    authMethod: HostAuthMethod.optional(),
    provider: HostProvider.optional(),
    credentialId: Id.nullable().optional(),
    jumpHostId: Id.nullable().optional(),
    tags: Tags.optional(),
    notes: Text.optional(),
    secrets: HostSecretsInput.optional(),
  })
  .strict();

// ---------- services ----------
export const ServiceKind = z.enum([
  'pm2-app',
  'container',
  'compose-project',
  'nginx-site',
  'postgres',
  'redis',
  'sqlite-file',
  'paas-service',
  'cron-job',
  'http-endpoint',
  'worker',
]);
export type ServiceKind = z.infer<typeof ServiceKind>;

export const PaasPlatform = z.enum(['render', 'railway', 'netlify', 'heroku', 'digitalocean-app']);

/**
 * Kind-specific, non-secret settings. Every field is optional so one shape serves every kind;
 * the core checks which fields make sense for which kind.
 */
export const ServiceConfig = z
  .object({
    port: Port.optional(),
    url: z.string().url().max(2048).optional(),
    healthPath: z.string().max(512).optional(),
    pm2Name: z.string().max(200).optional(),
    containerName: z.string().max(200).optional(),
    composeProject: z.string().max(200).optional(),
    composeFile: z.string().max(1024).optional(),
    serverNames: z.array(z.string().max(253)).max(64).optional(),
    databaseName: z.string().max(200).optional(),
    filePath: z.string().max(1024).optional(),
    schedule: z.string().max(200).optional(),
    command: z.string().max(4000).optional(),
    platform: PaasPlatform.optional(),
    platformServiceId: z.string().max(200).optional(),
    replicas: z.number().int().min(0).max(1000).optional(),
    workingDir: z.string().max(1024).optional(),
  })
  .strict();
export type ServiceConfig = z.infer<typeof ServiceConfig>;

export const Service = z.object({
  id: Id,
  environmentId: Id,
  hostId: Id.nullable(),
  name: z.string(),
  kind: ServiceKind,
  config: ServiceConfig,
  credentialId: Id.nullable(),
  notes: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Service = z.infer<typeof Service>;

export const ServiceCreate = z
  .object({
    environmentId: Id,
    hostId: Id.nullable().default(null),
    name: Name,
    kind: ServiceKind,
    config: ServiceConfig.default({}),
    credentialId: Id.nullable().default(null),
    notes: Text.default(''),
  })
  .strict();
export const ServiceUpdate = z
  .object({
    id: Id,
    hostId: Id.nullable().optional(),
    name: Name.optional(),
    kind: ServiceKind.optional(),
    config: ServiceConfig.optional(),
    credentialId: Id.nullable().optional(),
    notes: Text.optional(),
  })
  .strict();

// ---------- links ----------
export const LinkKind = z.enum(['proxies-to', 'uses-database', 'uses-cache', 'depends-on']);
export type LinkKind = z.infer<typeof LinkKind>;

export const Link = z.object({
  id: Id,
  fromServiceId: Id,
  toServiceId: Id,
  kind: LinkKind,
  createdAt: Timestamp,
});
export type Link = z.infer<typeof Link>;

export const LinkCreate = z
  .object({ fromServiceId: Id, toServiceId: Id, kind: LinkKind })
  .strict();

// ---------- credentials ----------
export const CredentialKind = z.enum([
  'ssh-key',
  'ssh-password',
  'database-url',
  'api-token',
  'generic',
]);
export type CredentialKind = z.infer<typeof CredentialKind>;

export const Credential = z.object({
  id: Id,
  name: z.string(),
  kind: CredentialKind,
  username: z.string(),
  notes: z.string(),
  secrets: z.object({ value: SecretState, passphrase: SecretState }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Credential = z.infer<typeof Credential>;

const CredentialSecretsInput = z
  .object({ value: SecretInput.optional(), passphrase: SecretInput.optional() })
  .strict();

export const CredentialCreate = z
  .object({
    name: Name,
    kind: CredentialKind,
    username: z.string().max(200).default(''),
    notes: Text.default(''),
    secrets: CredentialSecretsInput.default({}),
  })
  .strict();
export const CredentialUpdate = z
  .object({
    id: Id,
    name: Name.optional(),
    kind: CredentialKind.optional(),
    username: z.string().max(200).optional(),
    notes: Text.optional(),
    secrets: CredentialSecretsInput.optional(),
  })
  .strict();

// ---------- the whole tree, for the UI ----------
export const InventoryTree = z.object({
  projects: z.array(Project),
  environments: z.array(Environment),
  hosts: z.array(Host),
  services: z.array(Service),
  links: z.array(Link),
  credentials: z.array(Credential),
});
export type InventoryTree = z.infer<typeof InventoryTree>;

export const DemoState = z.object({
  offered: z.boolean(),
  loaded: z.boolean(),
  inventoryEmpty: z.boolean(),
});
