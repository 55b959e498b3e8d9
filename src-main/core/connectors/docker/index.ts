export { DockerConnector, DEFAULT_DOCKER_SOCKET, type DockerTarget, type DockerConnectorOptions, type StreamLocalForwarder, type LogsOptions } from './docker-connector';
export { SshSocketAgent, type StreamOpener } from './ssh-socket-agent';
export { dockerError, type DockerWhere } from './docker-errors';
export { toSummary, composeProjects, demuxLogs, toStats } from './docker-format';
