// The views' addresses in the URL hash, so that a view can be linked and the browser's back works:
// #/ (topics and groups), #/group/G/topic/T (a group's page), #/topic/T (a topic without a group),
// #/group/G/dead-letters (a group's dead letters), #/topic/T/groups (a topic's groups side by side), #/history.

const part = (name) => encodeURIComponent(name);

export function groupHash(group, topic) {
  return '#/group/' + part(group) + (topic ? '/topic/' + part(topic) : '');
}

export function topicHash(topic) {
  return '#/topic/' + part(topic);
}

export function topicGroupsHash(topic) {
  return '#/topic/' + part(topic) + '/groups';
}

export function deadLettersHash(group) {
  return '#/group/' + part(group) + '/dead-letters';
}

export function parseHash(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').map(p => decodeURIComponent(p));
  if (parts[0] === 'group' && parts[1] && parts[2] === 'dead-letters') return { view: 'dead-letters', group: parts[1] };
  if (parts[0] === 'group' && parts[1]) {
    return { view: 'group', group: parts[1], topic: parts[2] === 'topic' && parts[3] ? parts[3] : null };
  }
  if (parts[0] === 'topic' && parts[1] && parts[2] === 'groups') return { view: 'topic-groups', topic: parts[1] };
  if (parts[0] === 'topic' && parts[1]) return { view: 'group', group: null, topic: parts[1] };
  if (parts[0] === 'history') return { view: 'history' };
  return { view: 'inventory' };
}
