-- Sets or clears a sale's waiting room in its meta hash; prepended to the scripts that write a
-- sale's state (publish, republish, restore-begin). rate '' clears it.
-- q_rate: admissions per second; q_ttl: admission validity (s); q_shuffle, q_paused: '1' or '0'.
local function set_waiting_room(meta, rate, validity, shuffle, paused)
  if rate == '' then
    redis.call('HDEL', meta, 'q_rate', 'q_ttl', 'q_shuffle', 'q_paused')
  else
    redis.call('HSET', meta, 'q_rate', rate, 'q_ttl', validity, 'q_shuffle', shuffle, 'q_paused', paused)
  end
end
