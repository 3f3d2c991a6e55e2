-- A shopper's standing in a sale's waiting room (queue-standing.lua, whose KEYS this takes); reads only.
-- ARGV[1] canonical shopper id
-- Returns {'NO_STATE'}, {'NO_WAITING_ROOM'} or a standing.
local m = queue_meta()
if not m[1] or m[7] == '1' then return {'NO_STATE'} end
if not m[4] then return {'NO_WAITING_ROOM'} end
return standing(ARGV[1], m, clock())
