import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { VersionCell } from './versionMatrix';

const useStyles = makeStyles(theme => ({
  differs: {
    backgroundColor: theme.palette.warning.light,
    color: theme.palette.getContrastText(theme.palette.warning.light),
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0, 0.5),
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/** One environment's version of an image or chart; digest and users in the tooltip. */
export function VersionCellView({ cell }: { cell?: VersionCell }) {
  const classes = useStyles();
  if (!cell) {
    return (
      <Typography variant="body2" color="textSecondary">
        not deployed
      </Typography>
    );
  }
  const tooltip = [
    ...cell.digests.map(digest => `digest ${digest}`),
    ...cell.usedBy.map(user => `in ${user}`),
  ].join('\n');
  return (
    <>
      <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{tooltip}</span>}>
        <code
          className={cell.differs ? classes.differs : undefined}
          data-differs={cell.differs ? 'true' : undefined}
        >
          {cell.text}
        </code>
      </Tooltip>
      {cell.latestVersion && (
        <Typography variant="caption" display="block" color="textSecondary">
          newer chart version {cell.latestVersion} available
        </Typography>
      )}
    </>
  );
}
