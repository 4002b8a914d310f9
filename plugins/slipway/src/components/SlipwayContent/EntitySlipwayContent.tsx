import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { EmptyState, InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { SlipwayApplication } from '@slipway/plugin-slipway-common';
import { useEntityApplications } from '../../hooks/useEntityApplications';
import { ResourceGraph } from '../ResourceGraph';

/** `environment · cluster/namespace`, from what the application knows. */
function placeOf(app: SlipwayApplication): string {
  const where = [app.cluster, app.destinationNamespace].filter(Boolean).join('/');
  return [app.environment, where].filter(Boolean).join(' · ');
}

function ApplicationGraphCard({ app }: { app: SlipwayApplication }) {
  return (
    <InfoCard title={`Resources of ${app.name}`} subheader={placeOf(app) || undefined}>
      <ResourceGraph
        application={{ entityRef: app.entityRef, name: app.name, health: app.health?.status, sync: app.sync?.status }}
      />
    </InfoCard>
  );
}

/**
 * The Slipway tab of an entity page: the resource graph of each of the
 * entity's applications, one environment at a time (a Component), or of
 * the application itself (an Application entity).
 */
export function EntitySlipwayContent() {
  const { entity } = useEntity();
  const apps = useEntityApplications(entity);
  const [selected, setSelected] = useState(0);
  const title = entity.metadata.title ?? entity.metadata.name;

  if (apps.loading) {
    return <Progress />;
  }
  if (apps.error) {
    return (
      <>
        <ResponseErrorPanel
          title={`Could not load the Slipway applications of ${title}; check that the Slipway backend is reachable, then retry`}
          error={apps.error}
        />
        <Button variant="outlined" onClick={apps.reload} style={{ marginTop: 8 }}>
          Retry
        </Button>
      </>
    );
  }
  const list = apps.value ?? [];
  if (list.length === 0) {
    return (
      <EmptyState
        missing="info"
        title={`Slipway knows no application of ${title} yet`}
        description="An application appears here once the catalog has it (an ApplicationSet or Application in a registered GitOps repository, naming this component with the slipway.io/component annotation) and Slipway has reconciled it, usually within a minute."
      />
    );
  }
  const current = list[Math.min(selected, list.length - 1)];
  return (
    <>
      {list.length > 1 && (
        <Tabs
          value={list.indexOf(current)}
          onChange={(_, index: number) => setSelected(index)}
          indicatorColor="primary"
          aria-label="Environments"
        >
          {list.map(app => (
            <Tab key={app.entityRef} label={app.environment ?? app.name} />
          ))}
        </Tabs>
      )}
      {/* Keyed so that filters and the open drawer belong to one application. */}
      <ApplicationGraphCard key={current.entityRef} app={current} />
    </>
  );
}
