// The AMQP source's options and defaults, apart from the source itself: the daemon's flags and
// configuration need them, and the source loads amqplib, which a daemon without --amqp never needs.

export type AmqpOptions = Readonly<{
  url: string;
  /** berth's own durable queue; never the shared `notifications.info` (that steals from ceilometer). */
  queue: string;
  exchanges: readonly string[];
  topics: readonly string[];
  prefetch: number;
  /** Bodies larger than this are dead-lettered unread. */
  maxBodyBytes: number;
}>;

export const DEFAULT_AMQP: Omit<AmqpOptions, 'url'> = {
  queue: 'berth.notifications',
  exchanges: ['nova', 'neutron', 'heat', 'magnum', 'openstack'],
  topics: ['notifications', 'versioned_notifications'],
  prefetch: 256,
  maxBodyBytes: 8 * 1024 * 1024,
};
