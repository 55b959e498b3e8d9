import { startDroplet, type Droplet } from './droplet';
import { startIaComercial, type IaComercialDroplet } from './ia-comercial';
import { startServistech, type ServistechDroplet } from './servistech';

export interface Fleet {
  droplets: Droplet[];
  ia: IaComercialDroplet;
  servistech: ServistechDroplet;
  /** A plain droplet (127.0.0.4) to jump through or to add services to. */
  plain: Droplet;
  stop(): Promise<void>;
}

/** Both seed droplets and a plain one, started side by side; all or nothing. */
export async function startFleet(): Promise<Fleet> {
  const settled = await Promise.allSettled([startIaComercial(), startServistech({ redisTls: true }), startDroplet({ name: 'plain', host: '127.0.0.4' })]);
  const started = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((d) => d.stop()));
    throw failed.reason;
  }
  const [ia, servistech, plain] = started as [IaComercialDroplet, ServistechDroplet, Droplet];
  const droplets: Droplet[] = [ia, servistech, plain];
  return {
    droplets,
    ia,
    servistech,
    plain,
    stop: async () => {
      await Promise.all(droplets.map((d) => d.stop()));
    },
  };
}
