/**
 * Keys of the Compose Specification (compose-spec/compose-spec, schema/compose-spec.json),
 * plus the legacy v2 keys Docker Compose still accepts. A key outside these lists is reported
 * as a warning with its line; `x-` extension keys are ignored without a word, as the
 * specification says they may be.
 */
export const TOP_LEVEL_KEYS = new Set(['version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs', 'include', 'models']);

/** Service keys the importer turns into config, links, env vars or notes. */
export const USED_SERVICE_KEYS = new Set([
  'image', 'build', 'container_name', 'command', 'entrypoint', 'working_dir', 'ports', 'expose',
  'environment', 'env_file', 'healthcheck', 'depends_on', 'links', 'external_links', 'volumes',
  'volumes_from', 'networks', 'network_mode', 'secrets', 'configs', 'deploy', 'scale', 'profiles',
  'extends', 'hostname', 'labels', 'restart', 'platform',
]);

/**
 * Valid service keys that change nothing in an inventory (resource tuning, kernel options…):
 * understood, and listed by name in the service's notes rather than warned about.
 */
export const RUNTIME_ONLY_SERVICE_KEYS = new Set([
  'annotations', 'attach', 'blkio_config', 'cap_add', 'cap_drop', 'cgroup', 'cgroup_parent',
  'cpu_count', 'cpu_percent', 'cpu_shares', 'cpu_quota', 'cpu_period', 'cpu_rt_period',
  'cpu_rt_runtime', 'cpus', 'cpuset', 'credential_spec', 'develop', 'device_cgroup_rules', 'devices',
  'dns', 'dns_opt', 'dns_search', 'domainname', 'driver_opts', 'extra_hosts', 'gpus', 'group_add',
  'init', 'ipc', 'isolation', 'label_file', 'logging', 'mac_address', 'mem_limit', 'mem_reservation',
  'mem_swappiness', 'memswap_limit', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit',
  'post_start', 'pre_stop', 'privileged', 'provider', 'pull_policy', 'read_only', 'runtime',
  'security_opt', 'shm_size', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt',
  'sysctls', 'tmpfs', 'tty', 'ulimits', 'use_api_socket', 'user', 'userns_mode', 'uts', 'models',
  'gpus', 'volume_driver', 'mem_swappiness', 'net', 'log_driver', 'log_opt', 'cpuset_cpus',
]);

export const DEPLOY_KEYS = new Set([
  'endpoint_mode', 'labels', 'mode', 'placement', 'replicas', 'resources', 'restart_policy',
  'rollback_config', 'update_config',
]);

export const HEALTHCHECK_KEYS = new Set(['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable']);

export const BUILD_KEYS = new Set([
  'context', 'dockerfile', 'dockerfile_inline', 'args', 'ssh', 'cache_from', 'cache_to',
  'additional_contexts', 'entitlements', 'extra_hosts', 'isolation', 'labels', 'network', 'no_cache',
  'platforms', 'privileged', 'pull', 'secrets', 'shm_size', 'tags', 'target', 'ulimits', 'provenance', 'sbom',
]);

/** Sequences that Compose replaces rather than appends when a service extends another. */
export const REPLACED_SEQUENCES = new Set(['command', 'entrypoint', 'test', 'profiles']);
