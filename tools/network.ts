// `npm run -s network -- openness --edges EDGES.csv --groups GROUPS.csv`: the offline openness
// metrics of any graph (see libs/network-metrics/README.md). The logic is runNetworkCommand of
// @opn/network-metrics, which the services reuse.
import { runNetworkCommand } from '@opn/network-metrics';
import { runOfflineCommand } from './offline-command';

runOfflineCommand('network', runNetworkCommand);
