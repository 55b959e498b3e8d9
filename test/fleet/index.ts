/**
 * The test fleet: real servers on loopback for integration tests, e2e tests and `npm run fleet`.
 * See README.md in this folder.
 */
export { capabilities, type Capabilities } from './capabilities';
export { startDroplet, type Droplet, type DropletOptions } from './droplet';
export { startIaComercial, type IaComercialDroplet, type SeedDropletOptions } from './ia-comercial';
export { startServistech, type ServistechDroplet, type ServistechOptions } from './servistech';
export { startFleet, type Fleet } from './fleet';
