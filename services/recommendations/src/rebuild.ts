// `npm run rebuild -- recommendations [projection ...] [--resume]`: drops recommendations' read
// models and replays its event log into them, with a progress bar (with the service stopped; see
// docs/operations.md). Without names, rebuilds every projection.
import { runRebuildCli } from '@opn/service-kit';
import { recommendationsService } from './recommendations.service';

runRebuildCli(recommendationsService, process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
