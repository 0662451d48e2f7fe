import {
  CounterBadge,
  makeStyles,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowItem,
  Tab,
  TabList,
  tokens,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from '@fluentui/react-components';

/**
 * The pane's views as tabs. A task pane is often 320 px wide, too narrow for every tab: those that
 * do not fit go into a "More" menu after the last tab that does, the views an officer opens least
 * first, and the chosen view always keeps its tab. Nothing scrolls sideways.
 */

export interface View<T extends string> {
  value: T;
  label: string;
  /** A number to show beside the label (the findings), and whether it counts errors. */
  count?: { n: number; danger: boolean };
  /** How long the tab keeps its place when the pane narrows: the lowest moves into the menu first. */
  keep: number;
}

export interface ViewTabsProps<T extends string> {
  views: View<T>[];
  selected: T;
  onSelect(view: T): void;
}

const useStyles = makeStyles({
  // The tabs' text lines up with the pane's, their own padding hanging into its margin.
  strip: {
    display: 'flex',
    alignItems: 'center',
    minWidth: 0,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    overflow: 'hidden',
  },
  tabs: { minWidth: 0 },
  more: { flexShrink: 0, minWidth: 'auto', fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  badge: { marginLeft: tokens.spacingHorizontalXS },
});

function Count({ count }: { count: View<string>['count'] }) {
  const styles = useStyles();
  if (!count || count.n === 0) return null;
  return <CounterBadge className={styles.badge} size="small" count={count.n} overflowCount={999} color={count.danger ? 'danger' : 'informative'} />;
}

export function ViewTabs<T extends string>({ views, selected, onSelect }: ViewTabsProps<T>) {
  const styles = useStyles();
  return (
    <Overflow minimumVisible={1} padding={0}>
      <div className={styles.strip}>
        <TabList className={styles.tabs} size="small" selectedValue={selected} onTabSelect={(_, d) => onSelect(d.value as T)} aria-label="BoardPlan views">
          {views.map((v) => (
            // The chosen view ranks above the others, so its tab never moves into the menu.
            <OverflowItem key={v.value} id={v.value} priority={v.value === selected ? Number.MAX_SAFE_INTEGER : v.keep}>
              <Tab value={v.value}>
                {v.label}
                <Count count={v.count} />
              </Tab>
            </OverflowItem>
          ))}
        </TabList>
        <MoreViews views={views} onSelect={onSelect} />
      </div>
    </Overflow>
  );
}

/** The menu of the views whose tabs do not fit; it is not there when they all do. */
function MoreViews<T extends string>({ views, onSelect }: Pick<ViewTabsProps<T>, 'views' | 'onSelect'>) {
  const styles = useStyles();
  const { ref, isOverflowing } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton ref={ref} className={styles.more} appearance="transparent" size="small" aria-label="More views">
          More
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {views.map((v) => (
            <HiddenView key={v.value} view={v} onSelect={onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

function HiddenView<T extends string>({ view, onSelect }: { view: View<T>; onSelect(view: T): void }) {
  const visible = useIsOverflowItemVisible(view.value);
  if (visible) return null;
  return (
    <MenuItem onClick={() => onSelect(view.value)}>
      {view.label}
      <Count count={view.count} />
    </MenuItem>
  );
}
